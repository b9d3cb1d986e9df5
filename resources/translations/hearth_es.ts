<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../app/hearth/ui/action_dialog.py" line="+54"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Working… this takes a moment.</source>
        <translation>Trabajando… tarda un momento.</translation>
    </message>
</context>
<context>
    <name>ActivityModel</name>
    <message>
        <location filename="../../app/hearth/ui/pages/activity.py" line="+111"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happened</source>
        <translation>Qué pasó</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
</context>
<context>
    <name>ActivityPage</name>
    <message>
        <location line="+11"/>
        <source>Activity</source>
        <translation>Actividad</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Everything done to the vault is written here, and each entry is sealed to the one before it, so a change made behind Hearth&apos;s back shows up.</source>
        <translation>Aquí queda escrito todo lo que se hace en la bóveda, y cada entrada queda sellada a la anterior, así que se nota cualquier cambio hecho a espaldas de Hearth.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show activity of</source>
        <translation>Mostrar la actividad de</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find in activity</source>
        <translation>Buscar en la actividad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. backup, passphrase, a name</source>
        <translation>p. ej. copia, frase de contraseña, un nombre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Verify log</source>
        <translation>&amp;Verificar registro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify log</source>
        <translation>Verificar registro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check that no entry was changed, removed or added outside Hearth.</source>
        <translation>Comprueba que ninguna entrada se ha cambiado, borrado o añadido fuera de Hearth.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Member:</source>
        <translation>&amp;Miembro:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Find:</source>
        <translation>B&amp;uscar:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Activity log</source>
        <translation>Registro de actividad</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Everyone</source>
        <translation>Todos</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Checking every entry of the activity log…</source>
        <translation>Comprobando cada entrada del registro de actividad…</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>The activity log is intact (%n entries).</source>
        <translation>
            <numerusform>El registro de actividad está intacto (%n entrada).</numerusform>
            <numerusform>El registro de actividad está intacto (%n entradas).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The activity log was changed outside Hearth (%1). Restore a backup if you did not expect this.</source>
        <translation>El registro de actividad se cambió fuera de Hearth (%1). Si no esperabas esto, restaura una copia de seguridad.</translation>
    </message>
</context>
<context>
    <name>AddMemberDialog</name>
    <message>
        <location filename="../../app/hearth/ui/pages/family_dialogs.py" line="+22"/>
        <source>Add a family member</source>
        <translation>Añadir un miembro de la familia</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Add member</source>
        <translation>&amp;Añadir miembro</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the new member&apos;s name and let them choose their passphrase here, or choose one together and tell them. They can change it later.</source>
        <translation>Escribe el nombre del nuevo miembro y deja que elija aquí su frase de contraseña, o elegidla juntos y díselo. Podrá cambiarla más tarde.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A child&apos;s data can be offered only after an adult approves.</source>
        <translation>Los datos de un menor solo pueden ofrecerse con la aprobación de un adulto.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;ole:</source>
        <translation>R&amp;ol:</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 can now unlock the vault with their passphrase.</source>
        <translation>%1 ya puede desbloquear la bóveda con su frase de contraseña.</translation>
    </message>
</context>
<context>
    <name>BackupWordsDialog</name>
    <message>
        <location filename="../../app/hearth/ui/pages/wallet_words.py" line="+46"/>
        <source>Your backup words</source>
        <translation>Tus palabras de respaldo</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Your backup words bring your wallet back on any computer. Anyone who sees them can take your money, so make sure nobody is watching. Type your passphrase to see them.</source>
        <translation>Tus palabras de respaldo recuperan tu monedero en cualquier ordenador. Quien las vea puede llevarse tu dinero, así que asegúrate de que nadie mira. Escribe tu frase de contraseña para verlas.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your passphrase</source>
        <translation>Tu frase de contraseña</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Show the words</source>
        <translation>&amp;Mostrar las palabras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the words</source>
        <translation>Mostrar las palabras</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your &amp;passphrase:</source>
        <translation>Tu &amp;frase de contraseña:</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>That is not your passphrase. Try again.</source>
        <translation>Esa no es tu frase de contraseña. Inténtalo de nuevo.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Write these words on paper, in this order, and keep the paper somewhere safe. Do not photograph them or type them into anything else.</source>
        <translation>Escribe estas palabras en papel, en este orden, y guarda el papel en un lugar seguro. No les hagas fotos ni las escribas en ningún otro sitio.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>I &amp;wrote them down</source>
        <translation>Ya las he &amp;escrito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I wrote them down</source>
        <translation>Ya las he escrito</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Your backup words, numbered</source>
        <translation>Tus palabras de respaldo, numeradas</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>To be sure the paper is right, type these three words from it.</source>
        <translation>Para comprobar que el papel está bien, escribe estas tres palabras tal como aparecen en él.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Back to the words</source>
        <translation>&amp;Volver a las palabras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the words</source>
        <translation>Volver a las palabras</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>C&amp;heck</source>
        <translation>Co&amp;mprobar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check</source>
        <translation>Comprobar</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Word %1:</source>
        <translation>Palabra %1:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Word number %1</source>
        <translation>Palabra número %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>At least one word is not the one on your paper. Check the paper against the words, then try again.</source>
        <translation>Al menos una palabra no es la de tu papel. Compara el papel con las palabras e inténtalo de nuevo.</translation>
    </message>
</context>
<context>
    <name>BuyTab</name>
    <message>
        <location filename="../../app/hearth/ui/pages/marketplace_buy.py" line="+69"/>
        <source>Sellers publish offers as files. Open one to read what it offers; buying pays into the market, which holds the money until the seller delivers.</source>
        <translation>Los vendedores publican sus ofertas como archivos. Abre uno para leer qué ofrece; al comprar pagas al mercado, que guarda el dinero hasta que el vendedor entrega.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Open an offer file…</source>
        <translation>&amp;Abrir un archivo de oferta…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open an offer file</source>
        <translation>Abrir un archivo de oferta</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Terms:</source>
        <translation>Condiciones:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price:</source>
        <translation>Precio:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seller:</source>
        <translation>Vendedor:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open:</source>
        <translation>Abierta:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data:</source>
        <translation>Datos:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network:</source>
        <translation>Red:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Buy…</source>
        <translation>&amp;Comprar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buy a licence</source>
        <translation>Comprar una licencia</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Open an offer</source>
        <translation>Abrir una oferta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offer files (*.json);;All files (*)</source>
        <translation>Archivos de oferta (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1, of your household (%2)</source>
        <translation>%1, de tu familia (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>until %1, for at most %2 sales</source>
        <translation>hasta el %1, para %2 ventas como máximo</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (chain %2)</source>
        <translation>%1 (cadena %2)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This offer cannot be bought. %1</source>
        <translation>Esta oferta no se puede comprar. %1</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n fila</numerusform>
            <numerusform>%n filas</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, from %2 to %3</source>
        <translation>%1, del %2 al %3</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Bought: purchase %1. The seller has until %2 to deliver; then find it under Purchases to receive and check it.</source>
        <translation>Comprado: compra %1. El vendedor tiene hasta el %2 para entregar; después la encontrarás en Compras para recibirla y comprobarla.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>pay for the licence</source>
        <translation>pagar la licencia</translation>
    </message>
</context>
<context>
    <name>BuyerPreview</name>
    <message>
        <location filename="../../app/hearth/ui/pages/sharing_preview.py" line="+43"/>
        <source>What a buyer gets</source>
        <translation>Lo que recibe un comprador</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>File in the package</source>
        <translation>Archivo del paquete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File:</source>
        <translation>Archivo:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sample rows a buyer would get</source>
        <translation>Filas de muestra que recibiría un comprador</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Updating the preview…</source>
        <translation>Actualizando la vista previa…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Updating the preview… %1%</source>
        <translation>Actualizando la vista previa… %1 %</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The preview appears here once this version of Hearth can build packages.</source>
        <translation>La vista previa aparecerá aquí cuando esta versión de Hearth sepa crear paquetes.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This is what a buyer would receive under the terms above, right now.</source>
        <translation>Esto es lo que recibiría ahora un comprador con las condiciones de arriba.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 in %2.</source>
        <translation>%1 en %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln rows</source>
        <translation>
            <numerusform>%Ln fila</numerusform>
            <numerusform>%Ln filas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln files</source>
        <translation>
            <numerusform>%Ln archivo</numerusform>
            <numerusform>%Ln archivos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%1 (%Ln rows)</source>
        <translation>
            <numerusform>%1 (%Ln fila)</numerusform>
            <numerusform>%1 (%Ln filas)</numerusform>
        </translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Your privacy choices removed nothing from this dataset.</source>
        <translation>Tus opciones de privacidad no quitaron nada de este conjunto de datos.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Package fingerprint (Merkle root): %1</source>
        <translation>Huella del paquete (raíz de Merkle): %1</translation>
    </message>
</context>
<context>
    <name>BuyersBox</name>
    <message>
        <location filename="../../app/hearth/ui/pages/sharing_terms.py" line="+70"/>
        <source>Who may buy</source>
        <translation>Quién puede comprar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anyone</source>
        <translation>Cualquiera</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only these wallet addresses</source>
        <translation>Solo estas direcciones de monedero</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Addresses that may buy</source>
        <translation>Direcciones que pueden comprar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Addresses that may never buy</source>
        <translation>Direcciones que nunca pueden comprar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never these addresses, whatever else you chose:</source>
        <translation>Nunca estas direcciones, elijas lo que elijas arriba:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>One address a line, such as 0x1f9840a85d5af5bf1d1762f925bdaddc4201f984.</source>
        <translation>Una dirección por línea, como 0x1f9840a85d5af5bf1d1762f925bdaddc4201f984.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Write at least one address that may buy, or choose Anyone.</source>
        <translation>Escribe al menos una dirección que pueda comprar, o elige Cualquiera.</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <location filename="../../app/hearth/ui/pages/family_dialogs.py" line="+12"/>
        <source>Change passphrase</source>
        <translation>Cambiar frase de contraseña</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Change passphrase</source>
        <translation>&amp;Cambiar frase de contraseña</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The new passphrase works from now on; the old one stops working. Other members&apos; passphrases do not change.</source>
        <translation>La nueva frase de contraseña sirve desde ahora y la anterior deja de servir. Las frases de los demás miembros no cambian.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Member</source>
        <translation>Miembro</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Member:</source>
        <translation>&amp;Miembro:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1&apos;s passphrase was changed.</source>
        <translation>Se cambió la frase de contraseña de %1.</translation>
    </message>
</context>
<context>
    <name>Consent</name>
    <message>
        <location filename="../../app/hearth/ui/pages/sharing_words.py" line="+27"/>
        <source>Researchers at universities</source>
        <translation>Investigadores de universidades</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Studies at universities and research institutes that publish what they find.</source>
        <translation>Estudios de universidades e institutos de investigación que publican lo que descubren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Public health bodies</source>
        <translation>Organismos de salud pública</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Health agencies and charities tracking illness and wellbeing in the population.</source>
        <translation>Agencias sanitarias y organizaciones benéficas que siguen la enfermedad y el bienestar de la población.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Companies improving their products</source>
        <translation>Empresas que mejoran sus productos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firms studying how people use devices and services to make them better.</source>
        <translation>Empresas que estudian cómo se usan los dispositivos y servicios para mejorarlos.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>AI developers</source>
        <translation>Desarrolladores de IA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training or testing machine-learning models.</source>
        <translation>Entrenar o probar modelos de aprendizaje automático.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Advertisers</source>
        <translation>Anunciantes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choosing or measuring advertising, including ads shown to people like you.</source>
        <translation>Elegir o medir publicidad, incluidos anuncios para personas como tú.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Waiting for a guardian to approve the new terms.</source>
        <translation>Esperando a que un tutor apruebe las nuevas condiciones.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On offer under these terms.</source>
        <translation>A la venta con estas condiciones.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent withdrawn: not on offer.</source>
        <translation>Consentimiento retirado: no está a la venta.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not on offer: no terms set yet.</source>
        <translation>No está a la venta: aún no hay condiciones.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The policy allows no purpose yet: choose at least one.</source>
        <translation>Las condiciones aún no permiten ningún fin: elige al menos uno.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The policy has no price yet.</source>
        <translation>Las condiciones aún no tienen precio.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No new sale of this data can happen from now on. Copies that buyers already received cannot be called back; their licence terms still bind them.</source>
        <translation>Desde ahora no puede haber ninguna venta nueva de estos datos. Las copias que los compradores ya recibieron no se pueden recuperar; las condiciones de su licencia les siguen obligando.</translation>
    </message>
</context>
<context>
    <name>ConsentSigning</name>
    <message>
        <location filename="../../app/hearth/ui/pages/sharing_signing.py" line="+103"/>
        <source>Si&amp;gn records…</source>
        <translation>Fir&amp;mar registros…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign my consent records</source>
        <translation>Firmar mis registros de consentimiento</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign your consent records of this dataset with your wallet</source>
        <translation>Firma con tu monedero tus registros de consentimiento de este conjunto de datos</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n of your consent records of this dataset is not signed yet. Signing shows that the decision is yours; it stands either way.</source>
        <translation>
            <numerusform>%n de tus registros de consentimiento de este conjunto de datos aún no está firmado. Firmar muestra que la decisión es tuya; vale igualmente sin firma.</numerusform>
            <numerusform>%n de tus registros de consentimiento de este conjunto de datos aún no están firmados. Firmar muestra que la decisión es tuya; vale igualmente sin firma.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Offers of it were also made on other networks (chain %1): they can still be bought there until you cancel them on each network.</source>
        <translation>También se hicieron ofertas de estos datos en otras redes (cadena %1): allí se pueden seguir comprando hasta que las canceles en cada red.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>sign your consent record and cancel the offers</source>
        <translation>firmar tu registro de consentimiento y cancelar las ofertas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sign your consent record</source>
        <translation>firmar tu registro de consentimiento</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancel the offers</source>
        <translation>cancelar las ofertas</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n consent record(s) signed with your wallet.</source>
        <translation>
            <numerusform>%n registro de consentimiento firmado con tu monedero.</numerusform>
            <numerusform>%n registros de consentimiento firmados con tu monedero.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You did not sign the consent record, so it is kept unsigned; sign it later with Sign records. Your decision stands either way.</source>
        <translation>No firmaste el registro de consentimiento, así que se guarda sin firmar; fírmalo más tarde con Firmar registros. Tu decisión vale igualmente.</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n offer(s) cancelled on chain: nobody can buy them any more.</source>
        <translation>
            <numerusform>%n oferta cancelada en la cadena: ya nadie puede comprarla.</numerusform>
            <numerusform>%n ofertas canceladas en la cadena: ya nadie puede comprarlas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n offer(s) can still be bought on chain (%1): a buyer would pay, get nothing, and wait for a refund.</source>
        <translation>
            <numerusform>%n oferta se puede seguir comprando en la cadena (%1): quien la compre pagaría, no recibiría nada y tendría que esperar al reembolso.</numerusform>
            <numerusform>%n ofertas se pueden seguir comprando en la cadena (%1): quien las compre pagaría, no recibiría nada y tendría que esperar al reembolso.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancel what is still open later under Marketplace, My offers.</source>
        <translation>Cancela más tarde lo que siga abierto en Mercado, Mis ofertas.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The consent record is kept unsigned for now; sign it later with Sign records. Your decision stands either way.</source>
        <translation>El registro de consentimiento se guarda sin firmar por ahora; fírmalo más tarde con Firmar registros. Tu decisión vale igualmente.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Its offers may still be open on chain, where anyone holding the offer file can buy them: cancel them under Marketplace, My offers.</source>
        <translation>Sus ofertas pueden seguir abiertas en la cadena, donde cualquiera con el archivo de la oferta puede comprarlas: cancélalas en Mercado, Mis ofertas.</translation>
    </message>
</context>
<context>
    <name>DatasetView</name>
    <message numerus="yes">
        <location filename="../../app/hearth/ui/pages/dataset_view.py" line="+122"/>
        <source>%Ln records</source>
        <translation>
            <numerusform>%Ln registro</numerusform>
            <numerusform>%Ln registros</numerusform>
        </translation>
    </message>
    <message>
        <location line="-81"/>
        <source>‹ &amp;All datasets</source>
        <translation>‹ &amp;Todos los conjuntos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to all datasets</source>
        <translation>Volver a todos los conjuntos de datos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the list of datasets (Esc)</source>
        <translation>Volver a la lista de conjuntos de datos (Esc)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Record type</source>
        <translation>Tipo de registro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record &amp;type:</source>
        <translation>Tipo de &amp;registro:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chart shows</source>
        <translation>El gráfico muestra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of records</source>
        <translation>Número de registros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sum of values</source>
        <translation>Suma de valores</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average value</source>
        <translation>Valor medio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Chart:</source>
        <translation>&amp;Gráfico:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Records per day</source>
        <translation>Registros por día</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records per day, averaged over each week</source>
        <translation>Registros por día, media de cada semana</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records per day, averaged over each month</source>
        <translation>Registros por día, media de cada mes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sum of values per day, averaged over each week</source>
        <translation>Suma de valores por día, media de cada semana</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sum of values per day, averaged over each month</source>
        <translation>Suma de valores por día, media de cada mes</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Sum of values per day</source>
        <translation>Suma de valores por día</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Average value per day</source>
        <translation>Valor medio por día</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average value per week</source>
        <translation>Valor medio por semana</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average value per month</source>
        <translation>Valor medio por mes</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Owner: %1 · %2 · %3</source>
        <translation>Propietario: %1 · %2 · %3</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+67"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chart: %1</source>
        <translation>Gráfico: %1</translation>
    </message>
</context>
<context>
    <name>DatasetsModel</name>
    <message>
        <location filename="../../app/hearth/ui/pages/datasets.py" line="+84"/>
        <source>Click to see this dataset&apos;s records and a chart of them</source>
        <translation>Haz clic para ver los registros de este conjunto de datos y un gráfico de ellos</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 (you)</source>
        <translation>%1 (tú)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>How many records (readings, visits, plays...) the dataset holds</source>
        <translation>Cuántos registros (lecturas, visitas, reproducciones...) contiene el conjunto de datos</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>Propietario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time span</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
</context>
<context>
    <name>DatasetsPage</name>
    <message>
        <location line="+10"/>
        <location line="+15"/>
        <source>Datasets</source>
        <translation>Conjuntos de datos</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Every dataset imported into this vault: where it came from, whose it is, which days it covers and how many records it holds. Click one to see its records and a chart of them.</source>
        <translation>Cada conjunto de datos importado en esta bóveda: de dónde viene, de quién es, qué días abarca y cuántos registros contiene. Haz clic en uno para ver sus registros y un gráfico de ellos.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No datasets yet. Import an export from your phone, watch or apps first.</source>
        <translation>Aún no hay conjuntos de datos. Importa primero una exportación de tu teléfono, reloj o aplicaciones.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Go to &amp;Import</source>
        <translation>Ir a &amp;Importar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to Import</source>
        <translation>Ir a Importar</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <location filename="../../app/hearth/ui/pages/import_page.py" line="+53"/>
        <source>Drop export files or folders here</source>
        <translation>Suelta aquí archivos o carpetas exportados</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Apple Health, Google Takeout, Fitbit, Garmin FIT, GPX and TCX, Strava, Spotify, Netflix and browser history. Hearth recognises them by their content.</source>
        <translation>Apple Health, Google Takeout, Fitbit, Garmin FIT, GPX y TCX, Strava, Spotify, Netflix e historial del navegador. Hearth los reconoce por su contenido.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add &amp;files…</source>
        <translation>Añadir &amp;archivos…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add files</source>
        <translation>Añadir archivos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add f&amp;older…</source>
        <translation>Añadir &amp;carpeta…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add folder</source>
        <translation>Añadir carpeta</translation>
    </message>
</context>
<context>
    <name>DutiesBox</name>
    <message>
        <location filename="../../app/hearth/ui/pages/sharing_terms.py" line="+97"/>
        <source>What buyers promise</source>
        <translation>Lo que prometen los compradores</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not to resell or pass on the data</source>
        <translation>No revender ni ceder los datos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not to try to find out who you are</source>
        <translation>No intentar averiguar quién eres</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To delete the data when you ask</source>
        <translation>Borrar los datos cuando lo pidas</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../app/hearth/ui/errors.py" line="+30"/>
        <source>Something went wrong. Details were written to the log.</source>
        <translation>Algo salió mal. Los detalles se escribieron en el registro.</translation>
    </message>
</context>
<context>
    <name>ExportKeystoreDialog</name>
    <message>
        <location filename="../../app/hearth/ui/pages/wallet_export.py" line="+44"/>
        <source>Export keystore file</source>
        <translation>Exportar archivo de claves</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>E&amp;xport</source>
        <translation>E&amp;xportar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A keystore file holds your wallet&apos;s key, encrypted with a password you choose now; MetaMask, geth and Hearth can open it. Keep the file and its password in different places.</source>
        <translation>Un archivo de claves (keystore) contiene la clave de tu monedero, cifrada con una contraseña que eliges ahora; MetaMask, geth y Hearth pueden abrirlo. Guarda el archivo y su contraseña en lugares distintos.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your passphrase</source>
        <translation>Tu frase de contraseña</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New password for the file</source>
        <translation>Nueva contraseña del archivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New password again</source>
        <translation>Nueva contraseña otra vez</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as</source>
        <translation>Guardar en</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose where to save</source>
        <translation>Elegir dónde guardar</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your &amp;passphrase:</source>
        <translation>Tu &amp;frase de contraseña:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New file password:</source>
        <translation>&amp;Nueva contraseña del archivo:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Repítela:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save &amp;as:</source>
        <translation>&amp;Guardar en:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save keystore file</source>
        <translation>Guardar archivo de claves</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keystore files (*.json)</source>
        <translation>Archivos de claves (*.json)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Keystore file saved as %1. It opens only with the password you chose.</source>
        <translation>Archivo de claves guardado como %1. Solo se abre con la contraseña que elegiste.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Type your passphrase: exporting the key needs it again.</source>
        <translation>Escribe tu frase de contraseña: exportar la clave la pide de nuevo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file&apos;s password needs at least %1 characters.</source>
        <translation>La contraseña del archivo necesita al menos %1 caracteres.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The two passwords are not the same yet.</source>
        <translation>Las dos contraseñas aún no coinciden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose where to save the file.</source>
        <translation>Elige dónde guardar el archivo.</translation>
    </message>
</context>
<context>
    <name>FamilyPage</name>
    <message>
        <location filename="../../app/hearth/ui/pages/family.py" line="+31"/>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Everyone in the household has their own passphrase and decides about their own data. The owner adds and removes members.</source>
        <translation>Cada persona del hogar tiene su propia frase de contraseña y decide sobre sus propios datos. La persona titular añade y quita miembros.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Family members</source>
        <translation>Miembros de la familia</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Member since</source>
        <translation>Miembro desde</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Add member…</source>
        <translation>&amp;Añadir miembro…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add member</source>
        <translation>Añadir miembro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Remove member…</source>
        <translation>&amp;Quitar miembro…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+74"/>
        <source>Remove member</source>
        <translation>Quitar miembro</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>&amp;Change passphrase…</source>
        <translation>&amp;Cambiar frase de contraseña…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change passphrase</source>
        <translation>Cambiar frase de contraseña</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 (you)</source>
        <translation>%1 (tú)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Only %1, the vault&apos;s owner, can add or remove members.</source>
        <translation>Solo %1, titular de la bóveda, puede añadir o quitar miembros.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Remove %1 from the vault? %1 will no longer be able to unlock it with their passphrase.</source>
        <translation>¿Quitar a %1 de la bóveda? %1 ya no podrá desbloquearla con su frase de contraseña.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove %1</source>
        <translation>Quitar a %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 was removed from the vault.</source>
        <translation>%1 ya no está en la bóveda.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Only the vault&apos;s owner can do this.</source>
        <translation>Solo la persona titular de la bóveda puede hacer esto.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The owner cannot be removed.</source>
        <translation>No se puede quitar a la persona titular.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>You can change only your own passphrase.</source>
        <translation>Solo puedes cambiar tu propia frase de contraseña.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../app/hearth/ui/first_run.py" line="+176"/>
        <source>Welcome to Hearth</source>
        <translation>Te damos la bienvenida a Hearth</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Open my vault</source>
        <translation>&amp;Abrir mi bóveda</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create vault</source>
        <translation>Crear bóveda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open my vault</source>
        <translation>Abrir mi bóveda</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Save or write down your recovery key first, then tick the box below.</source>
        <translation>Primero guarda o apunta tu clave de recuperación y después marca la casilla de abajo.</translation>
    </message>
</context>
<context>
    <name>ForgotPassphraseDialog</name>
    <message>
        <location filename="../../app/hearth/ui/forgot_passphrase.py" line="+40"/>
        <source>Forgot your passphrase?</source>
        <translation>¿Olvidaste tu frase de contraseña?</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Type the recovery key from the recovery kit you printed when the vault was made. Capitals and dashes do not matter.</source>
        <translation>Escribe la clave de recuperación del kit que imprimiste al crear la bóveda. Da igual usar mayúsculas o guiones.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recovery &amp;key:</source>
        <translation>Clave de &amp;recuperación:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The recovery key fits. Now choose whose passphrase to set, and the new one.</source>
        <translation>La clave de recuperación es correcta. Ahora elige de quién es la frase de contraseña que quieres poner, y escribe la nueva.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Member</source>
        <translation>Miembro</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Member:</source>
        <translation>&amp;Miembro:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Continue</source>
        <translation>&amp;Continuar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>&amp;Set new passphrase</source>
        <translation>&amp;Establecer la nueva frase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set new passphrase</source>
        <translation>Establecer la nueva frase de contraseña</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Checking… this takes a moment.</source>
        <translation>Comprobando… tarda un momento.</translation>
    </message>
</context>
<context>
    <name>HistoryTable</name>
    <message>
        <location filename="../../app/hearth/ui/pages/sharing_history.py" line="+33"/>
        <source>Earlier versions of the terms</source>
        <translation>Versiones anteriores de las condiciones</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set by</source>
        <translation>Puesta por</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved by</source>
        <translation>Aprobada por</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+52"/>
        <source>Signed</source>
        <translation>Firmado</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Does not verify</source>
        <translation>La firma no cuadra</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not signed</source>
        <translation>Sin firmar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 signed</source>
        <translation>%1 de %2 firmados</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>a former member</source>
        <translation>alguien que ya no es de la familia</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 by %2, %3</source>
        <translation>%1 por %2, %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: signed by %2, and the signature checks out.</source>
        <translation>%1: firmado por %2, y la firma es correcta.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: carries a signature that does not match the record.</source>
        <translation>%1: lleva una firma que no corresponde al registro.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: not signed.</source>
        <translation>%1: sin firmar.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../app/hearth/ui/pages/home.py" line="+30"/>
        <source>Datasets</source>
        <translation>Conjuntos de datos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What to do next</source>
        <translation>Qué hacer ahora</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>there</source>
        <translation>de nuevo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Welcome, %1</source>
        <translation>Hola, %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import your first export</source>
        <translation>Importa tu primera exportación</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask your phone, watch or apps for a copy of your data (Apple Health, Google Takeout, Fitbit, Garmin…), then bring that file into Hearth. It stays encrypted on this computer.</source>
        <translation>Pide a tu teléfono, reloj o aplicaciones una copia de tus datos (Apple Salud, Google Takeout, Fitbit, Garmin…) y trae ese archivo a Hearth. Se guarda cifrado en este ordenador.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Go to &amp;Import</source>
        <translation>Ir a &amp;Importar</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Decide who may use your data</source>
        <translation>Decide quién puede usar tus datos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing leaves the vault until you say so. Choose, dataset by dataset, who may use it, for what, and at what price.</source>
        <translation>Nada sale de la bóveda hasta que tú lo digas. Elige, conjunto por conjunto, quién puede usarlo, para qué y a qué precio.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go to &amp;Sharing &amp;&amp; prices</source>
        <translation>Ir a &amp;Compartir y precios</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add the people you live with</source>
        <translation>Añade a las personas con las que vives</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each member of the family gets their own passphrase and decides about their own data.</source>
        <translation>Cada miembro de la familia tiene su propia frase de contraseña y decide sobre sus propios datos.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go to &amp;Family</source>
        <translation>Ir a &amp;Familia</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You are signed in as %1 (%2).</source>
        <translation>Has entrado como %1 (%2).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The vault is kept in %1.</source>
        <translation>La bóveda se guarda en %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It locks itself after %1 minutes without use.</source>
        <translation>Se bloquea sola tras %1 minutos sin uso.</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <location filename="../../app/hearth/ui/pages/import_page.py" line="+27"/>
        <location line="+67"/>
        <location line="+178"/>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <location line="-235"/>
        <source>Bring in the files your phone, watch and apps export. They are read on this computer and kept encrypted in the vault; importing the same file again adds nothing twice.</source>
        <translation>Trae los archivos que exportan tu teléfono, tu reloj y tus aplicaciones. Se leen en este ordenador y se guardan cifrados en la bóveda; importar otra vez el mismo archivo no duplica nada.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Found on this computer</source>
        <translation>Encontrado en este ordenador</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No browser history was found on this computer.</source>
        <translation>No se encontró ningún historial de navegador en este ordenador.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+16"/>
        <source>Imports</source>
        <translation>Importaciones</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>C&amp;lear finished</source>
        <translation>&amp;Limpiar terminadas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear finished imports</source>
        <translation>Quitar de la lista las importaciones terminadas</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing imported yet. Imports you start appear here, the newest first.</source>
        <translation>Aún no se ha importado nada. Las importaciones que inicies aparecen aquí, la más reciente primero.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>%1 history (%2)</source>
        <translation>Historial de %1 (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose export files</source>
        <translation>Elige archivos exportados</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose an export folder</source>
        <translation>Elige una carpeta exportada</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Only files and folders on this computer can be imported.</source>
        <translation>Solo se pueden importar archivos y carpetas de este ordenador.</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import the history of %1, profile %2</source>
        <translation>Importar el historial de %1, perfil %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import this browser history (the browser may stay open)</source>
        <translation>Importar este historial del navegador (el navegador puede seguir abierto)</translation>
    </message>
</context>
<context>
    <name>ImportRow</name>
    <message>
        <location filename="../../app/hearth/ui/pages/import_row.py" line="+255"/>
        <source>Nothing to import was found.</source>
        <translation>No se encontró nada que importar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel importing %1</source>
        <translation>Cancelar la importación de %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Progress of %1</source>
        <translation>Progreso de %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for the imports before it…</source>
        <translation>Esperando a las importaciones anteriores…</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Reading…</source>
        <translation>Leyendo…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Cancelled; nothing was added.</source>
        <translation>Cancelada; no se añadió nada.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n seconds left</source>
        <translation>
            <numerusform>queda %n segundo</numerusform>
            <numerusform>quedan %n segundos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>about %n minutes left</source>
        <translation>
            <numerusform>queda %n minuto aprox.</numerusform>
            <numerusform>quedan unos %n minutos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>about %n hours left</source>
        <translation>
            <numerusform>queda %n hora aprox.</numerusform>
            <numerusform>quedan unas %n horas</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Already imported; nothing added.</source>
        <translation>Ya importado; no se añadió nada.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Added %Ln records</source>
        <translation>
            <numerusform>Se añadió %Ln registro</numerusform>
            <numerusform>Se añadieron %Ln registros</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln already there</source>
        <translation>
            <numerusform>%Ln ya estaba</numerusform>
            <numerusform>%Ln ya estaban</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln skipped</source>
        <translation>
            <numerusform>%Ln omitido</numerusform>
            <numerusform>%Ln omitidos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 records/s</source>
        <translation>%1 registros/s</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove %1 from the list</source>
        <translation>Quitar %1 de la lista</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove from this list (the data stays in the vault)</source>
        <translation>Quitar de esta lista (los datos siguen en la bóveda)</translation>
    </message>
</context>
<context>
    <name>LengthBox</name>
    <message>
        <location filename="../../app/hearth/ui/pages/sharing_terms.py" line="-93"/>
        <source>For how long</source>
        <translation>Durante cuánto tiempo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Licence length</source>
        <translation>Duración de la licencia</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 month</source>
        <translation>1 mes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>6 months</source>
        <translation>6 meses</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 year</source>
        <translation>1 año</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 years</source>
        <translation>2 años</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another number of days</source>
        <translation>Otro número de días</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Licence length in days</source>
        <translation>Duración de la licencia en días</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The offer ends on</source>
        <translation>La oferta termina el</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last day of the offer</source>
        <translation>Último día de la oferta</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Each buyer may use it for</source>
        <translation>Cada comprador puede usarlos durante</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>After that day nobody new can buy; buyers who already bought keep their licence until it runs out.</source>
        <translation>Después de ese día nadie más puede comprar; quien ya compró conserva su licencia hasta que venza.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/hearth/ui/main_window.py" line="+98"/>
        <source>The vault is locked.</source>
        <translation>La bóveda está bloqueada.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Hearth locked the vault after %1 minutes without use.</source>
        <translation>Hearth bloqueó la bóveda tras %1 minutos sin uso.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Hearth — %1</source>
        <translation>Hearth — %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hearth</source>
        <translation>Hearth</translation>
    </message>
</context>
<context>
    <name>MarketplacePage</name>
    <message>
        <location filename="../../app/hearth/ui/pages/marketplace.py" line="+40"/>
        <source>Marketplace</source>
        <translation>Mercado</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+5"/>
        <source>Parts of the marketplace</source>
        <translation>Partes del mercado</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>My offers</source>
        <translation>Mis ofertas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales</source>
        <translation>Ventas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purchases</source>
        <translation>Compras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buy</source>
        <translation>Comprar</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Reading the market…</source>
        <translation>Leyendo el mercado…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Buying and selling need a wallet: create one on the Wallet page first.</source>
        <translation>Para comprar y vender hace falta un monedero: crea uno antes en la página Monedero.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There is no Hearth market on %1 yet. Open an offer made there to buy, or create a market with &apos;hearth market deploy&apos;.</source>
        <translation>Todavía no hay un mercado de Hearth en %1. Abre una oferta hecha allí para comprar, o crea un mercado con «hearth market deploy».</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>You are on the %1: everything here is play money with no value, so you can try every step (offer, buy, deliver, withdraw) without risk.</source>
        <translation>Estás en la red %1: aquí todo es dinero de juego sin valor, así que puedes probar cada paso (ofrecer, comprar, entregar, retirar) sin riesgo.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Real money: %1 is a live network. Sales and purchases pay in %2.</source>
        <translation>Dinero real: %1 es una red en funcionamiento. Las ventas y compras se pagan en %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is a test network: its coins have no real value.</source>
        <translation>%1 es una red de prueba: sus monedas no tienen valor real.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Working… this can take a moment.</source>
        <translation>Trabajando… puede tardar un momento.</translation>
    </message>
</context>
<context>
    <name>MarketplaceWords</name>
    <message>
        <location filename="../../app/hearth/ui/pages/marketplace_words.py" line="+50"/>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expired</source>
        <translation>Caducada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sold out</source>
        <translation>Agotada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>Retirada</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>Waiting for delivery</source>
        <translation>Pendiente de entrega</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered</source>
        <translation>Entregada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not delivered</source>
        <translation>No entregada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunded to the buyer</source>
        <translation>Reembolsada al comprador</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removed from the chain</source>
        <translation>Eliminada de la cadena</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Received and verified</source>
        <translation>Recibida y verificada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refunded to you</source>
        <translation>Reembolsada a ti</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivered: receive and check it</source>
        <translation>Entregada: recíbela y compruébala</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not delivered in time: you can take a refund</source>
        <translation>No entregada a tiempo: puedes pedir el reembolso</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waiting for the seller (until %1)</source>
        <translation>Esperando al vendedor (hasta el %1)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Sale %1 delivered: the payment is released to you. The encrypted package is %2; a buyer in this household finds it by themselves, anyone else needs the file.</source>
        <translation>Venta %1 entregada: el pago queda liberado para ti. El paquete cifrado es %2; un comprador de esta familia lo encuentra solo, cualquier otro necesita el archivo.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sale %1 not delivered. %2</source>
        <translation>Venta %1 no entregada. %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sale %1 waits for more blocks on the chain before it is delivered.</source>
        <translation>La venta %1 espera a que haya más bloques en la cadena antes de entregarse.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sale %1 was removed by a re-organisation of the chain: there is nothing to deliver.</source>
        <translation>Una reorganización de la cadena eliminó la venta %1: no hay nada que entregar.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../app/hearth/ui/message_bar.py" line="+32"/>
        <location line="+1"/>
        <source>Dismiss message</source>
        <translation>Cerrar el mensaje</translation>
    </message>
</context>
<context>
    <name>MyOffersTab</name>
    <message>
        <location filename="../../app/hearth/ui/pages/marketplace_offers.py" line="+58"/>
        <source>My offers</source>
        <translation>Mis ofertas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dataset</source>
        <translation>Conjunto de datos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales</source>
        <translation>Ventas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Earned</source>
        <translation>Ganado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open until</source>
        <translation>Abierta hasta</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No offers yet. Make one below: it is a signed file that costs nothing.</source>
        <translation>Todavía no hay ofertas. Haz una abajo: es un archivo firmado que no cuesta nada.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dataset to offer</source>
        <translation>Conjunto de datos que ofrecer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Offer:</source>
        <translation>&amp;Ofrecer:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open for how many days</source>
        <translation>Cuántos días está abierta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open &amp;for</source>
        <translation>abierta &amp;durante</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>At most how many sales</source>
        <translation>Cuántas ventas como máximo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at mo&amp;st</source>
        <translation>como &amp;máximo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Make an offer…</source>
        <translation>&amp;Hacer una oferta…</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>sales</source>
        <translation>ventas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make an offer</source>
        <translation>Hacer una oferta</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only a dataset with terms on the Sharing &amp; prices page can be offered: set its terms there first.</source>
        <translation>Solo se puede ofrecer un conjunto de datos con condiciones en la página Compartir y precios: fija allí sus condiciones primero.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Withdraw earnings</source>
        <translation>&amp;Retirar ganancias</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw earnings</source>
        <translation>Retirar ganancias</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Cancel offer…</source>
        <translation>Cance&amp;lar la oferta…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the chosen offer</source>
        <translation>Cancelar la oferta elegida</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the chosen offer on chain, so that nobody can buy it any more</source>
        <translation>Detener la oferta elegida en la cadena, para que ya nadie pueda comprarla</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2 delivered)</source>
        <translation>%1 (%2 entregadas)</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n withdrawn offer(s) can still be bought on chain: choose it and press Cancel offer, so that nobody pays for what will not be delivered.</source>
        <translation>
            <numerusform>%n oferta retirada se puede seguir comprando en la cadena: elígela y pulsa Cancelar la oferta, para que nadie pague por algo que no se entregará.</numerusform>
            <numerusform>%n ofertas retiradas se pueden seguir comprando en la cadena: elige cada una y pulsa Cancelar la oferta, para que nadie pague por algo que no se entregará.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The market holds %1 of your earnings for you to withdraw.</source>
        <translation>El mercado guarda %1 de tus ganancias para que los retires.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Save the offer</source>
        <translation>Guardar la oferta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Offer files (*.json)</source>
        <translation>Archivos de oferta (*.json)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Offer of %1.json</source>
        <translation>Oferta de %1.json</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Offer of “%1” saved as %2. Publish the file where buyers look; Hearth delivers what they buy when you press Deliver now under Sales.</source>
        <translation>Oferta de «%1» guardada como %2. Publica el archivo donde buscan los compradores; Hearth entrega lo que compran cuando pulsas Entregar ahora en Ventas.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>sign the offer</source>
        <translation>firmar la oferta</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>It can still be bought on chain (the buyer would pay and get nothing until a refund) until you cancel it.</source>
        <translation>Se puede seguir comprando en la cadena (quien la compre pagaría y no recibiría nada hasta el reembolso) hasta que la canceles.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Your offer of “%1” is cancelled on chain: nobody can buy it any more. Copies already delivered cannot be called back.</source>
        <translation>Tu oferta de «%1» está cancelada en la cadena: ya nadie puede comprarla. Las copias ya entregadas no se pueden recuperar.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cancel the offer</source>
        <translation>cancelar la oferta</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 are now in your wallet.</source>
        <translation>%1 ya están en tu monedero.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>withdraw your earnings</source>
        <translation>retirar tus ganancias</translation>
    </message>
</context>
<context>
    <name>NamePage</name>
    <message>
        <location filename="../../app/hearth/ui/first_run.py" line="-178"/>
        <source>Welcome to Hearth</source>
        <translation>Te damos la bienvenida a Hearth</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hearth keeps the data your family&apos;s devices and apps export in an encrypted vault on this computer, and lets you decide who may use it.</source>
        <translation>Hearth guarda los datos que exportan los dispositivos y aplicaciones de tu familia en una bóveda cifrada en este ordenador, y te deja decidir quién puede usarlos.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your name</source>
        <translation>Tu nombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Ana</source>
        <translation>p. ej. Ana</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>You will be the vault&apos;s owner: you add the rest of the family later, each with their own passphrase.</source>
        <translation>Serás titular de la bóveda: después añades al resto de la familia, cada cual con su propia frase de contraseña.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The vault will be kept in %1.</source>
        <translation>La bóveda se guardará en %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Your name:</source>
        <translation>Tu &amp;nombre:</translation>
    </message>
</context>
<context>
    <name>PassphraseFields</name>
    <message>
        <location filename="../../app/hearth/ui/passphrase_fields.py" line="+40"/>
        <source>New passphrase</source>
        <translation>Nueva frase de contraseña</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. three or four unrelated words</source>
        <translation>p. ej. tres o cuatro palabras sin relación</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New passphrase again</source>
        <translation>Repite la nueva frase de contraseña</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Passphrase strength</source>
        <translation>Seguridad de la frase de contraseña</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>S&amp;how passphrases</source>
        <translation>Mos&amp;trar las frases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show passphrases</source>
        <translation>Mostrar las frases de contraseña</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase de contraseña:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Repítela:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strength:</source>
        <translation>Seguridad:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Use at least %1 characters; a few words are best.</source>
        <translation>Usa al menos %1 caracteres; lo mejor son unas cuantas palabras.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type the passphrase again to be sure it is the one you meant.</source>
        <translation>Vuelve a escribir la frase para asegurarte de que es la que querías.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The two passphrases are not the same yet.</source>
        <translation>Las dos frases todavía no coinciden.</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <location filename="../../app/hearth/ui/first_run.py" line="+13"/>
        <source>Choose a passphrase</source>
        <translation>Elige una frase de contraseña</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You will type it each time you open Hearth. A few unrelated words are easy to remember and hard to guess.</source>
        <translation>La escribirás cada vez que abras Hearth. Unas cuantas palabras sin relación son fáciles de recordar y difíciles de adivinar.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Create vault</source>
        <translation>&amp;Crear bóveda</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hearth cannot recover a forgotten passphrase. If you forget it, only the recovery key you get on the next page can open the vault.</source>
        <translation>Hearth no puede recuperar una frase de contraseña olvidada. Si la olvidas, solo la clave de recuperación que recibirás en la página siguiente podrá abrir la bóveda.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Creating your vault… this takes a moment.</source>
        <translation>Creando tu bóveda… tarda un momento.</translation>
    </message>
</context>
<context>
    <name>PlacesEditor</name>
    <message>
        <location filename="../../app/hearth/ui/pages/sharing_places.py" line="+42"/>
        <source>Your places</source>
        <translation>Tus lugares</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Place</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Latitude</source>
        <translation>Latitud</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Longitude</source>
        <translation>Longitud</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Name of the place</source>
        <translation>Nombre del lugar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Home</source>
        <translation>Casa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latitude of the place</source>
        <translation>Latitud del lugar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longitude of the place</source>
        <translation>Longitud del lugar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mark place</source>
        <translation>&amp;Marcar lugar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark place</source>
        <translation>Marcar lugar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forget the chosen place</source>
        <translation>Olvidar el lugar elegido</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A new place (its latitude and longitude, as a map app shows them):</source>
        <translation>Un lugar nuevo (su latitud y longitud, como las muestra una app de mapas):</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>You have marked no place yet: until you do, this rule removes nothing.</source>
        <translation>Aún no has marcado ningún lugar: hasta que lo hagas, esta regla no quita nada.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only the rule leaves the vault, never where your places are.</source>
        <translation>Solo la regla sale de la bóveda, nunca dónde están tus lugares.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 marks their own places when they sign in.</source>
        <translation>%1 marca sus propios lugares cuando entra.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 is marked.</source>
        <translation>%1 está marcado.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 is forgotten.</source>
        <translation>%1 está olvidado.</translation>
    </message>
</context>
<context>
    <name>PriceBox</name>
    <message>
        <location filename="../../app/hearth/ui/pages/sharing_price.py" line="+41"/>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Price per licence</source>
        <translation>Precio por licencia</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Price:</source>
        <translation>&amp;Precio:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your exchange rate</source>
        <translation>Tu tipo de cambio</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your currency</source>
        <translation>Tu moneda</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>What one buyer pays for one licence. Leave it empty while you think; 0 gives the data away for free.</source>
        <translation>Lo que paga un comprador por una licencia. Déjalo vacío mientras lo piensas; 0 regala los datos.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Your own estimate, not a quote: Hearth does not look prices up.</source>
        <translation>Tu propia estimación, no una cotización: Hearth no consulta precios.</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>1 %1 ≈</source>
        <translation>1 %1 ≈</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Write the rate as a number above zero and your currency as three letters.</source>
        <translation>Escribe el tipo de cambio como un número mayor que cero y tu moneda con tres letras.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type what one coin is worth to you to see the price in your money.</source>
        <translation>Escribe cuánto vale para ti una moneda para ver el precio en tu dinero.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>≈ %1 %2, by your estimate (not a quote).</source>
        <translation>≈ %1 %2, según tu estimación (no es una cotización).</translation>
    </message>
</context>
<context>
    <name>PrivacyBox</name>
    <message>
        <location filename="../../app/hearth/ui/pages/sharing_privacy.py" line="+88"/>
        <source>Privacy: what is taken out first</source>
        <translation>Privacidad: lo que se quita antes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device and app names</source>
        <translation>Nombres de dispositivos y apps</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Times</source>
        <translation>Horas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Positions</source>
        <translation>Posiciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave out what happened near your places</source>
        <translation>Dejar fuera lo que pasó cerca de tus lugares</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Distance around your places</source>
        <translation>Distancia alrededor de tus lugares</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Record types to leave out</source>
        <translation>Tipos de registro que se dejan fuera</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send daily totals instead of single records</source>
        <translation>Enviar totales diarios en lugar de registros sueltos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fewest records in a daily total</source>
        <translation>Mínimo de registros en un total diario</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cut web addresses to the site</source>
        <translation>Recortar las direcciones web al sitio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave out page titles</source>
        <translation>Dejar fuera los títulos de página</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Device and app names:</source>
        <translation>Nombres de dispositivos y apps:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Times:</source>
        <translation>Horas:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Positions:</source>
        <translation>Posiciones:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Every record closer than this to one of your places is left out, so nobody can see where you live or work.</source>
        <translation>Todo registro más cerca que esto de uno de tus lugares se deja fuera, para que nadie vea dónde vives o trabajas.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Record types to leave out:</source>
        <translation>Tipos de registro que se dejan fuera:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>with at least</source>
        <translation>con al menos</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>records each</source>
        <translation>registros cada uno</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Buyers get one count and total per type and day, never single moments; days with fewer records are left out, so a rare event cannot single you out.</source>
        <translation>Los compradores reciben un recuento y un total por tipo y día, nunca momentos sueltos; los días con menos registros se dejan fuera, para que un hecho raro no te delate.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>https://example.org/account/orders?id=123 becomes example.org: the site, not the page you read or what you searched for.</source>
        <translation>https://example.org/account/orders?id=123 pasa a ser example.org: el sitio, no la página que leíste ni lo que buscaste.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Titles often name what you read, bought or looked up.</source>
        <translation>Los títulos suelen decir qué leíste, compraste o buscaste.</translation>
    </message>
    <message numerus="yes">
        <location line="+50"/>
        <source>%1 (%Ln records)</source>
        <translation>
            <numerusform>%1 (%Ln registro)</numerusform>
            <numerusform>%1 (%Ln registros)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PurchasesTab</name>
    <message>
        <location filename="../../app/hearth/ui/pages/marketplace_purchases.py" line="+61"/>
        <source>Purchases I made</source>
        <translation>Compras que hice</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purchase</source>
        <translation>Compra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dataset</source>
        <translation>Conjunto de datos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seller</source>
        <translation>Vendedor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing bought yet. Open an offer file under Buy to buy a licence.</source>
        <translation>Todavía no has comprado nada. Abre un archivo de oferta en Comprar para comprar una licencia.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Receive and check…</source>
        <translation>&amp;Recibir y comprobar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receive and check</source>
        <translation>Recibir y comprobar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the delivered package against the offer and open it into a folder</source>
        <translation>Comprueba el paquete entregado con la oferta y ábrelo en una carpeta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re&amp;fund</source>
        <translation>&amp;Pedir reembolso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take a refund</source>
        <translation>Pedir el reembolso</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take the payment back: the seller did not deliver by the deadline</source>
        <translation>Recupera el pago: el vendedor no entregó antes del plazo</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>The package the seller sent you</source>
        <translation>El paquete que te envió el vendedor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearth packages (*.age);;All files (*)</source>
        <translation>Paquetes de Hearth (*.age);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Where to put the data</source>
        <translation>Dónde poner los datos</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Verified: purchase %1 is exactly the data the offer promised. %2 rows in %3 files are in %4.</source>
        <translation>Verificado: la compra %1 son exactamente los datos que prometía la oferta. %2 filas en %3 archivos están en %4.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Purchase %1 verified: its fingerprint (Merkle root) %2 is the one the seller committed to in the offer, and the file is the one delivered on the chain. Files: %3.</source>
        <translation>Compra %1 verificada: su huella (raíz de Merkle) %2 es la que el vendedor fijó en la oferta, y el archivo es el entregado en la cadena. Archivos: %3.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Not verified: purchase %1 was not opened, and nothing was kept.</source>
        <translation>No verificada: la compra %1 no se abrió y no se guardó nada.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>open the package</source>
        <translation>abrir el paquete</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Refunded: %1 for purchase %2 are back in your wallet.</source>
        <translation>Reembolsado: %1 de la compra %2 han vuelto a tu monedero.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>take the refund</source>
        <translation>pedir el reembolso</translation>
    </message>
</context>
<context>
    <name>PurposesBox</name>
    <message>
        <location filename="../../app/hearth/ui/pages/sharing_terms.py" line="-130"/>
        <source>Who may use it, for what</source>
        <translation>Quién puede usarlos y para qué</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing is allowed until you switch it on.</source>
        <translation>Nada está permitido hasta que lo actives.</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <location filename="../../app/hearth/ui/pages/wallet_receive.py" line="+70"/>
        <source>Receive</source>
        <translation>Recibir</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>To be paid on %1, give the payer this address, or let them scan the code. Only coins of this network belong at it.</source>
        <translation>Para cobrar en %1, da esta dirección a quien te paga o deja que escanee el código. Solo deben llegar a ella monedas de esta red.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your address as a QR code</source>
        <translation>Tu dirección como código QR</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your address</source>
        <translation>Tu dirección</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy address</source>
        <translation>Co&amp;piar dirección</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy address</source>
        <translation>Copiar dirección</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Buyers&apos; apps encrypt the data packages they deliver to you with this public key (an age recipient). It is not a secret.</source>
        <translation>Las aplicaciones de quienes compran cifran con esta clave pública (un destinatario age) los paquetes de datos que te entregan. No es un secreto.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your age recipient</source>
        <translation>Tu destinatario age</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy &amp;age recipient</source>
        <translation>Copiar destinatario &amp;age</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy age recipient</source>
        <translation>Copiar destinatario age</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Copied.</source>
        <translation>Copiado.</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <location filename="../../app/hearth/ui/models/records_model.py" line="+167"/>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>Lugar</translation>
    </message>
</context>
<context>
    <name>RecoveryKit</name>
    <message>
        <location filename="../../app/hearth/ui/recovery_kit_pdf.py" line="+67"/>
        <location line="+53"/>
        <source>Hearth recovery kit</source>
        <translation>Kit de recuperación de Hearth</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This page can open your family&apos;s vault if every passphrase is forgotten. Keep it as safe as a passport.</source>
        <translation>Esta hoja puede abrir la bóveda de tu familia si se olvidan todas las frases de contraseña. Guárdala tan bien como un pasaporte.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Vault folder</source>
        <translation>Carpeta de la bóveda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made by</source>
        <translation>Creado por</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made on</source>
        <translation>Creado el</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your recovery key</source>
        <translation>Tu clave de recuperación</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>What to do with this page</source>
        <translation>Qué hacer con esta hoja</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print this page and keep it somewhere safe, such as with your passports.</source>
        <translation>Imprime esta hoja y guárdala en un lugar seguro, por ejemplo junto a los pasaportes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Do not share the key or keep it on this computer: anyone who has it can open your vault. If you saved this PDF here, delete the file once it is printed.</source>
        <translation>No compartas la clave ni la guardes en este ordenador: quien la tenga puede abrir tu bóveda. Si guardaste este PDF aquí, borra el archivo cuando lo hayas impreso.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>If you ever forget your passphrase, open Hearth, choose “Forgot your passphrase?” and type this key (letters and digits, the dashes are optional).</source>
        <translation>Si alguna vez olvidas tu frase de contraseña, abre Hearth, elige «¿Olvidaste tu frase de contraseña?» y escribe esta clave (letras y cifras; los guiones son opcionales).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>If this page is lost, the vault&apos;s owner can make a new recovery key in Settings; the old one then stops working.</source>
        <translation>Si pierdes esta hoja, la persona titular puede crear una nueva clave de recuperación en Ajustes; la anterior deja entonces de servir.</translation>
    </message>
</context>
<context>
    <name>RecoveryKitDialog</name>
    <message>
        <location filename="../../app/hearth/ui/recovery_kit_dialog.py" line="+17"/>
        <source>Your new recovery key</source>
        <translation>Tu nueva clave de recuperación</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Save or write down the new key first, then tick the box below.</source>
        <translation>Primero guarda o apunta la nueva clave y después marca la casilla de abajo.</translation>
    </message>
</context>
<context>
    <name>RecoveryKitPage</name>
    <message>
        <location filename="../../app/hearth/ui/first_run.py" line="+9"/>
        <source>Keep your recovery key safe</source>
        <translation>Guarda bien tu clave de recuperación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your vault is ready. One last, important step.</source>
        <translation>Tu bóveda está lista. Falta un último paso importante.</translation>
    </message>
</context>
<context>
    <name>RecoveryKitPanel</name>
    <message>
        <location filename="../../app/hearth/ui/recovery_kit.py" line="+65"/>
        <source>This is your recovery key. If every passphrase is forgotten, it is the only way into the vault: Hearth keeps no copy and cannot show it again. Save the recovery kit and print it, or write the key on paper.</source>
        <translation>Esta es tu clave de recuperación. Si se olvidan todas las frases de contraseña, es la única forma de entrar en la bóveda: Hearth no guarda ninguna copia y no puede volver a mostrarla. Guarda el kit de recuperación e imprímelo, o apunta la clave en papel.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recovery key as a QR code</source>
        <translation>Clave de recuperación como código QR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save recovery kit as PDF…</source>
        <translation>&amp;Guardar el kit de recuperación como PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save recovery kit as PDF</source>
        <translation>Guardar el kit de recuperación como PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Copy key</source>
        <translation>&amp;Copiar clave</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy recovery key</source>
        <translation>Copiar la clave de recuperación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearth empties the clipboard again when it locks.</source>
        <translation>Hearth vacía el portapapeles de nuevo al bloquearse.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I have saved or &amp;printed my recovery key</source>
        <translation>He guardado o &amp;impreso mi clave de recuperación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I have saved or printed my recovery key</source>
        <translation>He guardado o impreso mi clave de recuperación</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Save recovery kit</source>
        <translation>Guardar el kit de recuperación</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hearth recovery kit.pdf</source>
        <translation>Kit de recuperación de Hearth.pdf</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not save the recovery kit as %1 (%2). Choose another folder.</source>
        <translation>No se pudo guardar el kit de recuperación como %1 (%2). Elige otra carpeta.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Recovery kit saved as %1. Print it, then keep the paper somewhere safe.</source>
        <translation>Kit de recuperación guardado como %1. Imprímelo y guarda el papel en un lugar seguro.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Key copied. Paste it where you keep it safe; the clipboard is emptied on lock.</source>
        <translation>Clave copiada. Pégala donde la guardes a salvo; el portapapeles se vacía al bloquear.</translation>
    </message>
</context>
<context>
    <name>RestoreWalletDialog</name>
    <message>
        <location filename="../../app/hearth/ui/pages/wallet_restore.py" line="+50"/>
        <source>Restore a wallet</source>
        <translation>Restaurar un monedero</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Restore wallet</source>
        <translation>&amp;Restaurar monedero</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Type your backup words in order, separated by spaces, or choose a keystore file and type the password it was saved with.</source>
        <translation>Escribe tus palabras de respaldo en orden, separadas por espacios, o elige un archivo de claves y escribe la contraseña con la que se guardó.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From backup &amp;words</source>
        <translation>Desde las &amp;palabras de respaldo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Backup words</source>
        <translation>Palabras de respaldo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>word1 word2 word3 …</source>
        <translation>palabra1 palabra2 palabra3 …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From a &amp;keystore file</source>
        <translation>Desde un &amp;archivo de claves</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keystore file</source>
        <translation>Archivo de claves</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the keystore file</source>
        <translation>Elegir el archivo de claves</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The keystore file&apos;s password</source>
        <translation>La contraseña del archivo de claves</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File:</source>
        <translation>Archivo:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File &amp;password:</source>
        <translation>Con&amp;traseña del archivo:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose a keystore file</source>
        <translation>Elige un archivo de claves</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keystore files (*.json *)</source>
        <translation>Archivos de claves (*.json *)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Your wallet is back. Check that the address is the one you know.</source>
        <translation>Tu monedero ha vuelto. Comprueba que la dirección es la que conoces.</translation>
    </message>
</context>
<context>
    <name>SalesTab</name>
    <message>
        <location filename="../../app/hearth/ui/pages/marketplace_sales.py" line="+44"/>
        <source>&amp;Deliver now</source>
        <translation>&amp;Entregar ahora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deliver now</source>
        <translation>Entregar ahora</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Build, encrypt and deliver every sale waiting for delivery</source>
        <translation>Prepara, cifra y entrega cada venta pendiente de entrega</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Sales</source>
        <translation>Ventas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sale</source>
        <translation>Venta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dataset</source>
        <translation>Conjunto de datos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buyer</source>
        <translation>Comprador</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deliver by</source>
        <translation>Entregar antes de</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No sales yet. When someone buys one of your offers, it shows here.</source>
        <translation>Todavía no hay ventas. Cuando alguien compre una de tus ofertas, aparecerá aquí.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last delivery</source>
        <translation>Última entrega</translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>%n sale(s) waiting for you to deliver.</source>
        <translation>
            <numerusform>%n venta espera a que la entregues.</numerusform>
            <numerusform>%n ventas esperan a que las entregues.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is waiting for delivery.</source>
        <translation>No hay nada pendiente de entrega.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>deliver your sales</source>
        <translation>entregar tus ventas</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing to deliver: every sale is settled.</source>
        <translation>Nada que entregar: todas las ventas están resueltas.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n sale(s) not delivered; see why under Last delivery.</source>
        <translation>
            <numerusform>%n venta no entregada; mira por qué en Última entrega.</numerusform>
            <numerusform>%n ventas no entregadas; mira por qué en Última entrega.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n sale(s) delivered.</source>
        <translation>
            <numerusform>%n venta entregada.</numerusform>
            <numerusform>%n ventas entregadas.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../app/hearth/ui/pages/settings.py" line="+48"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock after this many minutes without use</source>
        <translation>Bloquear tras estos minutos sin uso</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Lock now</source>
        <translation>Bloquear &amp;ahora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock now</source>
        <translation>Bloquear ahora</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Locking</source>
        <translation>Bloqueo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lock &amp;after:</source>
        <translation>Bloquear &amp;tras:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hearth locks the vault when nobody has used it for this long; unlocking needs a passphrase again.</source>
        <translation>Hearth bloquea la bóveda cuando nadie la ha usado durante este tiempo; para desbloquearla hace falta otra vez una frase de contraseña.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same as the system</source>
        <translation>Igual que el sistema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Appearance</source>
        <translation>Apariencia</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>La&amp;nguage:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Theme:</source>
        <translation>T&amp;ema:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A new language applies at once to every page.</source>
        <translation>El nuevo idioma se aplica al momento en todas las páginas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Back up now</source>
        <translation>Hacer &amp;copia de seguridad ahora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back up now</source>
        <translation>Hacer copia de seguridad ahora</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A backup is an encrypted copy of the whole vault, kept in %1. Copy that folder to a USB drive now and then.</source>
        <translation>Una copia de seguridad es una copia cifrada de toda la bóveda, que se guarda en %1. Copia esa carpeta a una memoria USB de vez en cuando.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Make a new &amp;recovery key…</source>
        <translation>Crear una nueva clave de &amp;recuperación…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+61"/>
        <source>Make a new recovery key</source>
        <translation>Crear una nueva clave de recuperación</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Only the vault&apos;s owner can do this.</source>
        <translation>Solo la persona titular de la bóveda puede hacer esto.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lost the printed recovery key? Make a new one; the old one stops working at once.</source>
        <translation>¿Perdiste la clave de recuperación impresa? Crea una nueva; la anterior deja de servir al momento.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Newest backup: %1</source>
        <translation>Copia más reciente: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no backup yet.</source>
        <translation>Todavía no hay ninguna copia de seguridad.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Backup saved in %1.</source>
        <translation>Copia de seguridad guardada en %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Backing up the vault…</source>
        <translation>Haciendo la copia de seguridad de la bóveda…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Make a new recovery key? The one you printed before stops working at once, so keep the new one safe.</source>
        <translation>¿Crear una nueva clave de recuperación? La que imprimiste antes deja de servir al momento, así que guarda bien la nueva.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Make a new key</source>
        <translation>Crear una clave nueva</translation>
    </message>
</context>
<context>
    <name>SharingPage</name>
    <message>
        <location filename="../../app/hearth/ui/pages/sharing.py" line="+56"/>
        <source>Sharing &amp; prices</source>
        <translation>Compartir y precios</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing leaves the vault until you say so. Choose, dataset by dataset, who may use it, for what, for how long and at what price.</source>
        <translation>Nada sale de la bóveda hasta que tú lo digas. Elige, conjunto por conjunto, quién puede usarlo, para qué, durante cuánto tiempo y a qué precio.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Dataset</source>
        <translation>Conjunto de datos</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Dataset:</source>
        <translation>&amp;Conjunto de datos:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Approve</source>
        <translation>&amp;Aprobar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve these terms</source>
        <translation>Aprobar estas condiciones</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Withdraw consent…</source>
        <translation>&amp;Retirar el consentimiento…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+329"/>
        <location line="+7"/>
        <source>Withdraw consent</source>
        <translation>Retirar el consentimiento</translation>
    </message>
    <message>
        <location line="-317"/>
        <source>Earlier versions</source>
        <translation>Versiones anteriores</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Point at a version to read its terms in plain words.</source>
        <translation>Señala una versión para leer sus condiciones en palabras sencillas.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Terms for this dataset</source>
        <translation>Condiciones de este conjunto de datos</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>In plain words</source>
        <translation>En palabras sencillas</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Undo my changes</source>
        <translation>Deshacer mis cambios</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Offer under these terms</source>
        <translation>&amp;Ofrecer con estas condiciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offer under these terms</source>
        <translation>Ofrecer con estas condiciones</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Unlock with your own passphrase to decide about sharing.</source>
        <translation>Desbloquea con tu propia frase de contraseña para decidir qué compartir.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You have no datasets to decide about yet. Import an export from your phone, watch or apps first.</source>
        <translation>Aún no tienes conjuntos de datos sobre los que decidir. Importa antes una exportación de tu teléfono, reloj o apps.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 — yours</source>
        <translation>%1 — tuyo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Fix this first, then the terms can be offered.</source>
        <translation>Corrige esto primero; después se podrán ofrecer las condiciones.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>These terms are waiting for a guardian&apos;s approval.</source>
        <translation>Estas condiciones esperan la aprobación de un tutor.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These are the terms on offer now.</source>
        <translation>Estas son las condiciones con las que está a la venta.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>You changed the terms: offer your version, or undo your changes to approve.</source>
        <translation>Cambiaste las condiciones: ofrece tu versión o deshaz tus cambios para aprobar.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A guardian (the owner or an adult of the family) must approve your terms before anyone can buy this data.</source>
        <translation>Un tutor (el propietario o un adulto de la familia) debe aprobar tus condiciones antes de que nadie pueda comprar estos datos.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 asked to offer this data under the terms below. Read them, then approve them, or change them and offer your version instead.</source>
        <translation>%1 pidió ofrecer estos datos con las condiciones de abajo. Léelas y apruébalas, o cámbialas y ofrece tu versión.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Terms you set for %1 take effect at once.</source>
        <translation>Las condiciones que pongas para %1 se aplican al momento.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Saved. A guardian must approve these terms before anyone can buy.</source>
        <translation>Guardado. Un tutor debe aprobar estas condiciones antes de que nadie pueda comprar.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved. The data is on offer under these terms.</source>
        <translation>Guardado. Los datos están a la venta con estas condiciones.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Approved. %1&apos;s data is on offer under these terms.</source>
        <translation>Aprobado. Los datos de %1 están a la venta con estas condiciones.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Stop offering “%1” to buyers?</source>
        <translation>¿Dejar de ofrecer «%1» a los compradores?</translation>
    </message>
</context>
<context>
    <name>SharingWords</name>
    <message>
        <location filename="../../app/hearth/ui/pages/sharing_words.py" line="+25"/>
        <source>Waiting for approval</source>
        <translation>Esperando aprobación</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On offer</source>
        <translation>A la venta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replaced</source>
        <translation>Sustituida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>Retirada</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Consent given</source>
        <translation>Consentimiento dado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terms changed</source>
        <translation>Condiciones cambiadas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asked for approval</source>
        <translation>Aprobación pedida</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approved</source>
        <translation>Aprobado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent withdrawn</source>
        <translation>Consentimiento retirado</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Leave them out</source>
        <translation>Dejarlos fuera</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buyers see no device or app names at all, so they cannot tell your watch from your phone.</source>
        <translation>Los compradores no ven ningún nombre de dispositivo ni de app, así que no distinguen tu reloj de tu teléfono.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Replace them with codes</source>
        <translation>Cambiarlos por códigos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each device gets a code such as “source 3”, different for every buyer: records can be told apart, but names such as “Ana’s iPhone” are gone.</source>
        <translation>Cada dispositivo recibe un código como «fuente 3», distinto para cada comprador: se distinguen los registros, pero desaparecen nombres como «iPhone de Ana».</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keep them</source>
        <translation>Mantenerlos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Names are sent as your devices wrote them; they often contain your first name or the model you own.</source>
        <translation>Los nombres se envían tal como los escribieron tus dispositivos; a menudo llevan tu nombre o el modelo que tienes.</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+36"/>
        <source>Exact</source>
        <translation>Exactas</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Times to the second, as your devices recorded them.</source>
        <translation>Horas al segundo, tal como las registraron tus dispositivos.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>To the minute</source>
        <translation>Al minuto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds are removed: 08:14:37 becomes 08:14.</source>
        <translation>Se quitan los segundos: 08:14:37 pasa a ser 08:14.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>To the hour</source>
        <translation>A la hora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes are removed: 08:14 becomes 08:00, so buyers know the hour of your morning walk, not the minute you left home.</source>
        <translation>Se quitan los minutos: 08:14 pasa a ser 08:00, así que los compradores saben la hora de tu paseo matutino, no el minuto en que saliste de casa.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Day only</source>
        <translation>Solo el día</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Times are removed: buyers see which day something happened, not when.</source>
        <translation>Se quitan las horas: los compradores ven qué día pasó algo, no cuándo.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Positions to a few metres: enough to find a front door.</source>
        <translation>Posiciones a pocos metros: bastan para encontrar una puerta.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>About 100 m</source>
        <translation>Aprox. 100 m</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Positions moved to a grid of about 100 m: the street, not the house.</source>
        <translation>Posiciones llevadas a una cuadrícula de unos 100 m: la calle, no la casa.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>About 1 km</source>
        <translation>Aprox. 1 km</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Positions moved to a grid of about 1 km: the neighbourhood, not the street.</source>
        <translation>Posiciones llevadas a una cuadrícula de 1 km aprox.: el barrio, no la calle.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>About 10 km</source>
        <translation>Aprox. 10 km</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Positions moved to a grid of about 10 km: the town, not the neighbourhood.</source>
        <translation>Posiciones llevadas a una cuadrícula de unos 10 km: la ciudad, no el barrio.</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../app/hearth/ui/workspace.py" line="+48"/>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
</context>
<context>
    <name>SignedActionsTable</name>
    <message>
        <location filename="../../app/hearth/ui/pages/wallet_history.py" line="+37"/>
        <source>What you signed</source>
        <translation>Lo que has firmado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Network</source>
        <translation>Red</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
</context>
<context>
    <name>SigningDialog</name>
    <message>
        <location filename="../../app/hearth/ui/signing_dialog.py" line="+74"/>
        <source>Approve a signature</source>
        <translation>Aprobar una firma</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Approve a payment</source>
        <translation>Aprobar un pago</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hearth asks before it signs. Is this what you want?</source>
        <translation>Hearth pregunta antes de firmar. ¿Es esto lo que quieres?</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Real money: %1 is a live network.</source>
        <translation>Dinero real: %1 es una red en funcionamiento.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Test money on %1: it has no real value.</source>
        <translation>Dinero de prueba en %1: no tiene valor real.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>What would be signed</source>
        <translation>Lo que se firmaría</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Signing costs nothing by itself and sends no transaction.</source>
        <translation>Firmar no cuesta nada por sí solo y no envía ninguna transacción.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Once sent, a transaction cannot be taken back.</source>
        <translation>Una vez enviada, una transacción no se puede deshacer.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Decline</source>
        <translation>&amp;Rechazar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decline</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Approve and sign</source>
        <translation>&amp;Aprobar y firmar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Approve and send</source>
        <translation>&amp;Aprobar y enviar</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Read the request first; this turns on shortly.</source>
        <translation>Lee primero la solicitud; este botón se activa enseguida.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Network:</source>
        <translation>Red:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (chain %2)</source>
        <translation>%1 (cadena %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed by:</source>
        <translation>Firma:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For contract:</source>
        <translation>Para el contrato:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Message:</source>
        <translation>Mensaje:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From:</source>
        <translation>Desde:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Creates:</source>
        <translation>Crea:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a new %1 contract</source>
        <translation>un nuevo contrato %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contract:</source>
        <translation>Contrato:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Function:</source>
        <translation>Función:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To:</source>
        <translation>A:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Amount sent:</source>
        <translation>Importe enviado:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at most %1</source>
        <translation>como máximo %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network fee:</source>
        <translation>Comisión de la red:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 at %2</source>
        <translation>%1 en %2</translation>
    </message>
</context>
<context>
    <name>Strength</name>
    <message>
        <location filename="../../app/hearth/ui/strength.py" line="+26"/>
        <source>Type a passphrase: three or four unrelated words work well.</source>
        <translation>Escribe una frase de contraseña: tres o cuatro palabras sin relación funcionan bien.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Very weak: add two or three more words</source>
        <translation>Muy débil: añade dos o tres palabras más</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weak: add another word</source>
        <translation>Débil: añade otra palabra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fair: one more word would make it strong</source>
        <translation>Aceptable: una palabra más la haría fuerte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Good: hard to guess</source>
        <translation>Buena: difícil de adivinar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strong: very hard to guess</source>
        <translation>Fuerte: muy difícil de adivinar</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../../app/hearth/ui/unlock.py" line="+45"/>
        <source>Unlock your family&apos;s vault</source>
        <translation>Desbloquea la bóveda de tu familia</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Who are you?</source>
        <translation>¿&amp;Quién eres?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who are you?</source>
        <translation>¿Quién eres?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase de contraseña:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Forgot your passphrase?</source>
        <translation>¿&amp;Olvidaste tu frase de contraseña?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Forgot your passphrase?</source>
        <translation>¿Olvidaste tu frase de contraseña?</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Choose who you are in the list first.</source>
        <translation>Primero elige en la lista quién eres.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type your passphrase, then press Unlock.</source>
        <translation>Escribe tu frase de contraseña y pulsa Desbloquear.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1&apos;s passphrase was changed. Unlock with the new one.</source>
        <translation>Se cambió la frase de contraseña de %1. Desbloquea con la nueva.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Unlocking…</source>
        <translation>Desbloqueando…</translation>
    </message>
</context>
<context>
    <name>WalletHistory</name>
    <message>
        <location filename="../../app/hearth/ui/pages/wallet_history.py" line="-16"/>
        <source>A transaction sent</source>
        <translation>Una transacción enviada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A message signed (no transaction)</source>
        <translation>Un mensaje firmado (sin transacción)</translation>
    </message>
</context>
<context>
    <name>WalletOverview</name>
    <message>
        <location filename="../../app/hearth/ui/pages/wallet.py" line="+57"/>
        <source>Your address as a QR code</source>
        <translation>Tu dirección como código QR</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>Your address</source>
        <translation>Tu dirección</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy address</source>
        <translation>&amp;Copiar dirección</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy address</source>
        <translation>Copiar dirección</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>R&amp;eceive…</source>
        <translation>R&amp;ecibir…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receive</source>
        <translation>Recibir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address large, to scan, and your age recipient</source>
        <translation>La dirección en grande, para escanearla, y tu destinatario age</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Re&amp;fresh balance</source>
        <translation>Ac&amp;tualizar saldo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh balance</source>
        <translation>Actualizar saldo</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>You have not confirmed your backup words yet. Without them, a lost or broken computer means a lost wallet.</source>
        <translation>Aún no has confirmado tus palabras de respaldo. Sin ellas, un ordenador perdido o roto es un monedero perdido.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show backup &amp;words…</source>
        <translation>Mostrar las &amp;palabras de respaldo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show backup words</source>
        <translation>Mostrar las palabras de respaldo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;xport keystore file…</source>
        <translation>E&amp;xportar archivo de claves…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export keystore file</source>
        <translation>Exportar archivo de claves</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What you signed</source>
        <translation>Lo que has firmado</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing yet. Each offer you sign and each payment you send will be listed here.</source>
        <translation>Nada todavía. Aquí aparecerá cada oferta que firmes y cada pago que envíes.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Its key is kept in this computer&apos;s system keyring.</source>
        <translation>Su clave se guarda en el llavero del sistema de este ordenador.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Its key is kept in a file in the vault folder, encrypted with your passphrase.</source>
        <translation>Su clave se guarda en un archivo de la carpeta de la bóveda, cifrada con tu frase de contraseña.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Balance: asking the network…</source>
        <translation>Saldo: preguntando a la red…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Balance: %1</source>
        <translation>Saldo: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Balance unknown</source>
        <translation>Saldo desconocido</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>real money</source>
        <translation>dinero real</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>test money, no real value</source>
        <translation>dinero de prueba, sin valor real</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Network: %1 (%2)</source>
        <translation>Red: %1 (%2)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your address is on the clipboard.</source>
        <translation>Tu dirección está en el portapapeles.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Your backup words are confirmed. Keep the paper somewhere safe.</source>
        <translation>Tus palabras de respaldo están confirmadas. Guarda el papel en un lugar seguro.</translation>
    </message>
</context>
<context>
    <name>WalletPage</name>
    <message>
        <location line="+6"/>
        <source>Wallet</source>
        <translation>Monedero</translation>
    </message>
</context>
<context>
    <name>WalletPassphraseDialog</name>
    <message>
        <location filename="../../app/hearth/ui/wallet_passphrase.py" line="+27"/>
        <location line="+15"/>
        <source>Your passphrase</source>
        <translation>Tu frase de contraseña</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Your wallet&apos;s key is kept in a file encrypted with your passphrase. Type it to %1.</source>
        <translation>La clave de tu monedero se guarda en un archivo cifrado con tu frase de contraseña. Escríbela para %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase de contraseña:</translation>
    </message>
</context>
<context>
    <name>WalletStart</name>
    <message>
        <location filename="../../app/hearth/ui/pages/wallet_start.py" line="+52"/>
        <source>You have no wallet yet. A wallet receives what buyers pay you and signs your offers. Its key stays on this computer, and Hearth asks you before it signs anything.</source>
        <translation>Aún no tienes monedero. Un monedero recibe lo que te pagan quienes compran y firma tus ofertas. Su clave se queda en este ordenador, y Hearth te pregunta antes de firmar nada.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This computer has no system keyring Hearth can use (none is installed, or it is locked), so there is nowhere safe to keep your wallet&apos;s key. You can keep it in a file in the vault folder instead, encrypted with your passphrase.</source>
        <translation>Este ordenador no tiene un llavero del sistema que Hearth pueda usar (no hay ninguno instalado, o está bloqueado), así que no hay un lugar seguro para la clave de tu monedero. Puedes guardarla en cambio en un archivo de la carpeta de la bóveda, cifrada con tu frase de contraseña.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Keep the key in a &amp;file in the vault folder, encrypted with my passphrase</source>
        <translation>Guardar la clave en un &amp;archivo de la carpeta de la bóveda, cifrada con mi frase de contraseña</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep the key in a file in the vault folder, encrypted with my passphrase</source>
        <translation>Guardar la clave en un archivo de la carpeta de la bóveda, cifrada con mi frase de contraseña</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your passphrase</source>
        <translation>Tu frase de contraseña</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your &amp;passphrase:</source>
        <translation>Tu &amp;frase de contraseña:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Number of backup words</source>
        <translation>Número de palabras de respaldo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>12 words</source>
        <translation>12 palabras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>24 words</source>
        <translation>24 palabras</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Both are safe; 24 words are what some hardware wallets use.</source>
        <translation>Las dos opciones son seguras; algunos monederos físicos usan 24 palabras.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Backup words:</source>
        <translation>&amp;Palabras de respaldo:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Create a wallet</source>
        <translation>&amp;Crear un monedero</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a wallet</source>
        <translation>Crear un monedero</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Have a wallet already? Bring it back from its backup words, or from a keystore file (as MetaMask and geth export them).</source>
        <translation>¿Ya tienes un monedero? Recupéralo con sus palabras de respaldo o desde un archivo de claves (como los que exportan MetaMask y geth).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Restore a wallet…</source>
        <translation>&amp;Restaurar un monedero…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore a wallet</source>
        <translation>Restaurar un monedero</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Checking this computer&apos;s keyring…</source>
        <translation>Comprobando el llavero de este ordenador…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your wallet&apos;s key will be kept in this computer&apos;s keyring.</source>
        <translation>La clave de tu monedero se guardará en el llavero de este ordenador.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Your wallet %1 is ready. Now write down its backup words: without them, a lost computer means a lost wallet.</source>
        <translation>Tu monedero %1 está listo. Ahora apunta sus palabras de respaldo: sin ellas, un ordenador perdido es un monedero perdido.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Making your wallet…</source>
        <translation>Creando tu monedero…</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <location filename="../../app/hearth/ui/wording.py" line="+19"/>
        <location line="+39"/>
        <source>Owner</source>
        <translation>Titular</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Adult</source>
        <translation>Adulto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Child</source>
        <translation>Menor</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Created the vault</source>
        <translation>Creó la bóveda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added a member</source>
        <translation>Añadió un miembro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removed a member</source>
        <translation>Quitó un miembro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed a passphrase</source>
        <translation>Cambió una frase de contraseña</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made a backup</source>
        <translation>Hizo una copia de seguridad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed the vault&apos;s encryption key</source>
        <translation>Cambió la clave de cifrado de la bóveda</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Made a new recovery key</source>
        <translation>Creó una nueva clave de recuperación</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restored the vault from a backup</source>
        <translation>Restauró la bóveda desde una copia de seguridad</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Someone with the recovery key</source>
        <translation>Alguien con la clave de recuperación</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Member</source>
        <translation>Miembro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup</source>
        <translation>Copia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key number</source>
        <translation>Número de clave</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>steps</source>
        <translation>pasos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>floors</source>
        <translation>pisos</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beats/min</source>
        <translation>latidos/min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>breaths/min</source>
        <translation>respiraciones/min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>per minute</source>
        <translation>por minuto</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <location filename="../../app/hearth/ui/worker.py" line="+182"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../app/hearth/ui/workspace.py" line="+48"/>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activity</source>
        <translation>Actividad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loc&amp;k</source>
        <translation>&amp;Bloquear</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lock the vault</source>
        <translation>Bloquear la bóveda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the vault now (Ctrl+L)</source>
        <translation>Bloquear la bóveda ahora (Ctrl+L)</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datasets</source>
        <translation>Conjuntos de datos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sharing &amp; prices</source>
        <translation>Compartir y precios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marketplace</source>
        <translation>Mercado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wallet</source>
        <translation>Monedero</translation>
    </message>
</context>
</TS>
